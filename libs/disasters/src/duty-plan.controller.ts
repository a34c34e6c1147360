import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNoContent, ApiResult, RequirePermissions } from '@yakuba/platform';
import { DutyRoleDto, DutyRolePatchDto } from './dto/disasters.dto';
import { DutyService } from './duty.service';

/** 配備体制 kept ahead of time: who does what at each level (本部 roles, opening each 避難所, who holds its key). */
@ApiTags('disasters')
@ApiBearerAuth()
@Controller('disaster-duties')
export class DutyPlanController {
  constructor(private readonly duties: DutyService) {}

  @ApiResult(['DutyRoleView'])
  @Get()
  @RequirePermissions('directory.read')
  @ApiOperation({ summary: 'The duty roster plan by level.' })
  list() {
    return this.duties.plan();
  }

  @ApiResult('DutyRoleView')
  @Post()
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Add a duty to the plan.' })
  create(@Body() dto: DutyRoleDto) {
    return this.duties.createRole(dto);
  }

  @ApiResult('DutyRoleView')
  @Patch(':dutyRoleId')
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Change a duty of the plan (running disasters keep their copy).' })
  update(@Param('dutyRoleId') id: string, @Body() dto: DutyRolePatchDto) {
    return this.duties.updateRole(id, dto);
  }

  @ApiNoContent()
  @Delete(':dutyRoleId')
  @HttpCode(204)
  @RequirePermissions('disasters.run')
  @ApiOperation({ summary: 'Remove a duty from the plan.' })
  remove(@Param('dutyRoleId') id: string) {
    return this.duties.deleteRole(id);
  }
}
